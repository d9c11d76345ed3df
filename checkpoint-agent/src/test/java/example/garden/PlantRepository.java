package example.garden;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface PlantRepository extends JpaRepository<Plant, Long> {

  List<Plant> findAllByOrderByNameAsc();
}
